"""Team objectives: files in and out, alignment, contributors, the lock, copy to the next cycle."""
