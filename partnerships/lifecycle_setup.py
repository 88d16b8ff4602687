"""Wires the lifecycle into the partnership app's extension points (called from ready())."""


def register():
    from partnerships import demo_lifecycle

    demo_lifecycle.register()
