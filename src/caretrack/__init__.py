"""CareTrack: a home symptom log for children on leukemia immunotherapy."""

__version__ = "0.1.0"
