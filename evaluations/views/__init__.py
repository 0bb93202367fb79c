"""Pages of evaluations: the participant's link, the hand-out page, round actions, the
delivery report."""
