"""The survey itself: auditing its data against the catalog's primary sources."""
