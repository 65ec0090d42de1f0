// Each network collection stands up a whole Fabric network: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
