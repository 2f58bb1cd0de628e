"""Pages, one module each. Every view checks access first, asks the panel or a service, and
renders; the figures come from econdesk.analysis, the layout from econdesk.web.sections."""
