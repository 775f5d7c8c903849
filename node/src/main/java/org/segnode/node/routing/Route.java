package org.segnode.node.routing;

import org.segnode.node.config.RoutingRule;

/**
 * Where a series run goes: the first rule that matched, or no rule and the reason it is skipped.
 */
public record Route(RoutingRule rule, String skipReason) {
  static Route to(RoutingRule rule) {
    return new Route(rule, null);
  }

  static Route skip(String reason) {
    return new Route(null, reason);
  }

  public boolean skipped() {
    return rule == null;
  }
}
