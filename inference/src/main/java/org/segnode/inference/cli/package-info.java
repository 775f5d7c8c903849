/** The {@code segment} and {@code evaluate} commands of the {@code segnode} launcher. */
package org.segnode.inference.cli;
