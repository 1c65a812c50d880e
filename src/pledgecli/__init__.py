"""pledge: judge emulation pledges (giao ước thi đua) against year-end results."""

__version__ = "0.1.0"
