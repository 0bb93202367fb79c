"""Forms of evaluations: the participant's questionnaire, the round actions, the report."""
