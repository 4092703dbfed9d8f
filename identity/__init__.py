"""Identity across agencies: record linkage of mentions to persons as explicit, testable steps.

normalise (names, dates) -> block (candidate pairs) -> compare (field by field) -> score
(evidence weights) -> decide (auto link, review, no link). See docs/identity.md.
"""
