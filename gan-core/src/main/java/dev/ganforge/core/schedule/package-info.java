/** Built-in training schedules, registered like any plugin. */
package dev.ganforge.core.schedule;
