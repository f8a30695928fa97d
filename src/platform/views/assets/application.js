// Runs after the GOV.UK and MoJ bundles in the same file; pages work without it.
window.GOVUKFrontend.initAll()
window.MOJFrontend.initAll()
