"""Plot functions, one module per concept (``nps``, ``cx``, ``drivers``, ``journeys``, ``compare``).

Every plot takes ``data=``, accepts ``ax=`` and returns the matplotlib Axes.
"""
