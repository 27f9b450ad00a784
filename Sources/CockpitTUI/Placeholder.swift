// CockpitTUI
