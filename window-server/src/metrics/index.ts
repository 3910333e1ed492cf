export { Metrics, type MetricsSources } from './Metrics.js';
