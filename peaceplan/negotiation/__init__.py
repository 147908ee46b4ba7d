"""A negotiation seen whole: every point against every version (the matrix) and the flow of
points through the versions. Data and algorithms only; renderers live in peaceplan.render."""
