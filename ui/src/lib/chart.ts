// The parts of Chart.js the bar charts use, registered once. Imported dynamically by
// BarChart.svelte so that Chart.js lands in its own chunk, tree-shaken.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };
