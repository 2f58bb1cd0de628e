"""econdesk — 经济运行调度平台."""
