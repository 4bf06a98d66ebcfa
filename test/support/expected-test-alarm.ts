// The CloudWatch-alarm Trigger that every test alarm carries (the probe's and sn-aws-verify's): written out once here,
// as AWS's alarm notification shapes it, so the tests that read a test alarm compare it with one expectation.
export const TEST_ALARM_TRIGGER = {
    MetricName: 'servicenow-api-key-probe',
    Namespace: 'ServiceNow/Test',
    StatisticType: 'Statistic',
    Statistic: 'MAXIMUM',
    Unit: null,
    Dimensions: [],
    Period: 60,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    ComparisonOperator: 'GreaterThanThreshold',
    Threshold: 0,
    TreatMissingData: 'missing',
    EvaluateLowSampleCountPercentile: '',
}
