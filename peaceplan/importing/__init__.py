"""Drafts read from Word, PDF, Markdown and plain text into plans (`peaceplan import`)."""
