"""Where events happen: the offline gazetteer and the toponyms of a text."""
