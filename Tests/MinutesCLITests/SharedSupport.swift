// The tmux driver, golden files and Subprocess are shared with the other test targets
// (Tests/TestSupport): every file of this target sees them without importing them.
@_exported import TestSupport
