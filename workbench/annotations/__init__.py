"""Reserved for a later step; see the issues."""
