package org.segnode.cli;

import java.util.concurrent.Callable;

/**
 * A {@code segnode} subcommand: a picocli {@code @Command} class with a public no-argument
 * constructor, listed in {@code META-INF/services/org.segnode.cli.CliCommand} of its module. The
 * launcher finds commands with {@link java.util.ServiceLoader}, so a module adds its own commands
 * (train, node, ...) without the launcher knowing it. {@code call()} returns the exit code.
 */
public interface CliCommand extends Callable<Integer> {}
