/**
 * An example third-party Braid plugin that adds a modality which is neither image nor text:
 * {@code signal}, a 1-D time series held as a {@code float[]} per sample.
 *
 * <p>It provides two components, each listed in a {@code META-INF/services} file:
 *
 * <ul>
 *   <li>{@link com.example.braid.signal.SignalCsvReaderFactory} ({@code signal-csv}): a dataset
 *       reader for CSV files of labelled signals with fixed splits;
 *   <li>{@link com.example.braid.signal.SignalPatchProjectorFactory} ({@code signal-patches}): a
 *       projector that cuts each signal into non-overlapping patches and embeds them as tokens.
 * </ul>
 *
 * <p>Fusions, tasks and objectives come from Braid's runtime: nothing here knows about them.
 */
package com.example.braid.signal;
