"""Where a group decision reaches the rest of the product.

A decision of type change_commitments, new_party, termination or report_contents starts work in
another app (an amendment, a joining, the termination step, the report template). Those apps
register a hook per decision type:

    from governance.hooks import register_decision_hook

    def start_amendment(decision, *, actor, reason):
        amendment = partnerships.services.amendment_start(..., decision=decision, actor=actor,
                                                          reason=reason)
        return amendment  # anything truthy marks the decision's follow-up as done

    register_decision_hook("change_commitments", start_amendment)   # in AppConfig.ready()

`run_decision_hooks` is called by `governance.services.decision_record` inside its transaction,
after the decision and its votes are saved. Without a hook the decision's follow-up stays
"pending" and shows in the decisions register, so nothing is silently dropped.
"""

from collections import defaultdict

_HOOKS = defaultdict(list)


def register_decision_hook(decision_type, hook):
    if hook not in _HOOKS[decision_type]:
        _HOOKS[decision_type].append(hook)
    return hook


def hooks_for(decision_type):
    return list(_HOOKS.get(decision_type, ()))


def run_decision_hooks(decision, *, actor, reason):
    """Call every hook for the decision's type; True if one of them reported the follow-up done."""
    done = False
    for hook in hooks_for(decision.type):
        if hook(decision, actor=actor, reason=reason):
            done = True
    return done
