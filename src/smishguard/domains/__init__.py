"""Domain analysis: registrable domains (offline PSL), the look-alike index, permutations."""
