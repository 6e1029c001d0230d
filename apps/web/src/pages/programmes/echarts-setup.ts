import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import regions from './italy-regions.topo.json';

/**
 * ECharts with only what the dashboard draws (bars, a line, a map), rendered as SVG so charts
 * print sharply and stay in the page's DOM. The regions of Italy are openpolis/geojson-italy's
 * (ISTAT limits, CC BY 4.0), shipped with the app: no tile server, no network.
 */
echarts.use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export const ITALY_MAP = 'italia-regioni';

const topology = regions as unknown as Topology<{
  regions: GeometryCollection<{ reg_istat_code: string; reg_name: string }>;
}>;
const geo = feature(topology, topology.objects.regions);
// ECharts matches series data to features by `name`: the two-digit ISTAT code, as the API's keys.
echarts.registerMap(ITALY_MAP, {
  type: 'FeatureCollection',
  features: geo.features.map((f) => ({ ...f, properties: { name: f.properties.reg_istat_code } })),
} as unknown as Parameters<typeof echarts.registerMap>[1]);

export { echarts };
