"""Project pages. Each view checks access first, asks a service or a read helper, and renders."""
