"""okrdesk's charts, drawn one way for the window, the review mode and the PDF.

Each chart kind (``key_result``, ``objective``, ``mission``, ``plan``, ``roadmap``,
``counts``) draws the plain series of ``okrdesk.services.series`` on a matplotlib figure in
a ``ChartStyle`` (``style``: screen, presentation, print), with the health colours of
``tones``. ``board.Board`` keeps a figure's chart and redraws it in place; ``export``
writes SVG for the PDF.

Qt-free, and matplotlib is imported only by the modules that draw: importing this package,
``tones`` or ``style`` (as the window does at start-up, for its colours) loads none of it.
"""
