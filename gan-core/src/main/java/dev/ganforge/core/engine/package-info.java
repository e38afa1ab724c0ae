/**
 * The training engine: network assembly from layer plugins, the alternating G/D training loop over DL4J
 * networks with externally computed loss derivatives, and run state.
 */
package dev.ganforge.core.engine;
