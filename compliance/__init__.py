"""dataflow-compliance: check data assets against China's data-circulation security rules."""

__version__ = "0.2.0"
