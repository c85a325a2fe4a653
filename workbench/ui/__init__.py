"""The Qt user interface: widgets, Qt models and the task runner. No SQL here."""
