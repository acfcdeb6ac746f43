// Test classes run one at a time: WebApplicationFactory<Program> listens process-wide for any host being built, so a
// second host starting at the same moment (the collector API's own host, another app collection) could be captured by
// it and bind the default port 5000. The browser journeys are also steadier without a second app competing for CPU.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
