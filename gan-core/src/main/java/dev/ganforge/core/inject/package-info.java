/** Guice wiring fed from the plugin registry. */
package dev.ganforge.core.inject;
