// CockpitTesting
