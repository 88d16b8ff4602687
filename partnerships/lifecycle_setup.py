"""Wires the lifecycle into the partnership app's extension points (called from ready())."""


def register():
    from partnerships import deadlines_lifecycle, demo_lifecycle

    deadlines_lifecycle.register()
    demo_lifecycle.register()
