/** The run's checkpointable random source. */
package dev.ganforge.core.random;
