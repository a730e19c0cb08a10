import { useLayoutEffect, useRef } from 'react';
import { initChart, type ChartInstance, type ChartOption } from './echarts';

export interface ChartClick {
  seriesId?: string;
  dataIndex: number;
}

/**
 * One ECharts chart in a box sized by the stylesheet. Reports once when it has been drawn
 * (ECharts' `finished`), follows its box's size, and is disposed with the component. The canvas
 * is an image to assistive tech, named by `label`; the figures are in the table the panel puts
 * beside it.
 */
export function EChart({ option, label, onDrawn, onClick }: { option: ChartOption; label: string; onDrawn?: () => void; onClick?: (click: ChartClick) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const drawn = useRef(onDrawn);
  const clicked = useRef(onClick);
  drawn.current = onDrawn;
  clicked.current = onClick;

  // Layout effects: the charts are set up before the browser paints the page, not after a first
  // paint without them (one paint of the whole page fewer on the way to drawn charts).
  useLayoutEffect(() => {
    const instance = initChart(box.current!);
    chart.current = instance;
    instance.on('click', (params) => clicked.current?.({ seriesId: (params as { seriesId?: string }).seriesId, dataIndex: params.dataIndex }));
    // Only when the box really changed: the observer also reports the size it starts with, and a
    // resize redraws the whole chart.
    const resize = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (Math.round(width) !== instance.getWidth() || Math.round(height) !== instance.getHeight()) instance.resize();
    });
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useLayoutEffect(() => {
    const instance = chart.current!;
    const finished = () => {
      instance.off('finished', finished);
      drawn.current?.();
    };
    instance.on('finished', finished);
    instance.setOption(option, { notMerge: true });
    return () => {
      instance.off('finished', finished);
    };
  }, [option]);

  return <div ref={box} className={onClick ? 'chart chart--clickable' : 'chart'} role="img" aria-label={label} />;
}
