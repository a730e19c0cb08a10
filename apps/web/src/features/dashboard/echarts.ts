import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts, tree-shaken: only the chart types and components the dashboard draws, on the canvas
 * renderer. Imported by the dashboard's chunk alone, so no other screen loads it. ECharts sets
 * its elements' styles through the CSSOM (element.style), which the strict CSP allows; its HTML
 * tooltips would carry inline style attributes, which it refuses, so tooltips render as rich
 * text on the canvas (see baseOption).
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
export type ChartInstance = echarts.ECharts;
export const initChart = (dom: HTMLElement): ChartInstance => echarts.init(dom, undefined, { renderer: 'canvas' });
