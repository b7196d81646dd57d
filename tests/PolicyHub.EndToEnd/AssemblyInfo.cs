// The journeys share two cores with their servers and Chromium; one class at a time keeps them from
// starving each other into timeouts (seen as intermittent page-load timeouts when classes ran in parallel).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
