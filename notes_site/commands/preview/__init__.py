"""The preview server (``notes-site serve``): build, serve the finished build, watch, rebuild,
reload open pages.

Every build goes into a fresh folder; the served root switches only when a build has
finished, and a request that arrives during a build waits for it, so nobody ever sees a
half-written site. A build with errors (or one that raises) leaves the previous good build
served and pushes its ``file:line`` messages to open pages, which show them as an overlay.
Live reload uses server-sent events; the script that listens is added to HTML responses
only, never to the built files.
"""
