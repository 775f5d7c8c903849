package org.segnode.node.config;

import java.time.Duration;

/**
 * How failed exports are retried (bounded exponential backoff).
 *
 * @param attempts attempts in all, the first one included, before an export is marked FAILED
 * @param initialDelay the wait after the first failed attempt; doubled after each further one
 * @param maxDelay the longest wait between two attempts
 */
public record ExportSettings(int attempts, Duration initialDelay, Duration maxDelay) {}
