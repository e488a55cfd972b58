/** Writing into a run's folder: files replaced atomically, for reports and figures. */
package ai.braid.api.io;
