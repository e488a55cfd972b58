/**
 * What a training run leaves in its output directory ({@code braid train --out DIR}).
 *
 * <ul>
 *   <li>{@link ai.braid.runtime.report.MetricsLog}: {@code DIR/metrics.jsonl}, one
 *       {@link ai.braid.runtime.report.MetricRecord} per line, flushed line by line so a killed
 *       run keeps its curve.
 *   <li>{@link ai.braid.runtime.report.RunReport}: {@code DIR/report.json}, the summary of a
 *       finished run, written atomically.
 *   <li>{@link ai.braid.runtime.report.CurvePlots}: {@code DIR/plots/*.png}, the loss and metric
 *       curves drawn from the metric records.
 *   <li>{@link ai.braid.runtime.report.Progress}: what the user sees while a run is going, a
 *       redrawn bar on a terminal or periodic log lines otherwise.
 * </ul>
 */
package ai.braid.runtime.report;
