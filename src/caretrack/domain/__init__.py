"""Plain data and pure logic shared by every layer; imports nothing else from CareTrack."""
