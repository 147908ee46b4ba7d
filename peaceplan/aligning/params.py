"""The aligner's decision thresholds and limits (tuned on benchmarks/align_quality; see
docs/alignment.md), shared by its phases."""

# Decision thresholds on the rarity-weighted Dice of two wordings (see Pair).
ACCEPT = 0.55  # a one-to-one content match needs at least this much
ACCEPT_PLACED = 0.30  # ... or this much in its expected place between neighbouring matches
ACCEPT_TITLED = 0.10  # ... or this much in its expected place and under a like title
TITLE_LIKE = 0.5  # titles this alike (Dice of their words) count as the same heading
ACCEPT_GROUP = 0.50  # the pieces of a split (parts of a merge) together, against the whole
PIECE = 0.55  # a piece (part) takes at least this share of its own weight from the whole
PIECE_FOLDED = 0.35  # ... or this much when it is a sub-point folded into its parent's match
# (which further shares a part must bring: see cover.NOVEL, SHARE and GAIN)
NEAR_NOVEL = 0.15  # a neighbouring piece brings this share of the whole's weight no other has
POS_BONUS = 0.15  # ranking bonus: in the expected place
PARENT_BONUS = 0.05  # ranking bonus: parents matched together (or both top-level)
TITLE_BONUS = 0.15  # ranking bonus: the same title
TOPIC_LIKE = 0.5  # topics this alike (weighted Dice) count as the same subject
TOPIC_BONUS = 0.05  # ranking bonus: the same topics (in proportion to how alike)
EXACT_DUP_PAIRS = 400  # larger groups of one repeated wording are paired in reading order
CHILD_PAIRS = 64  # sub-points of matched parents compared directly up to this many pairs
WINDOW = 4  # leftovers: unmatched points each side of the expected place
