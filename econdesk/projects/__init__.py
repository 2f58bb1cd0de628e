"""Major projects, investment deals, upward funding, enterprise scale-up and requests.

The registers that close the gaps the panel reveals: what enrolled projects will still complete,
what pipeline projects and enterprises could add once enrolled (入库), and the warnings that turn
slippage into supervised work.
"""
