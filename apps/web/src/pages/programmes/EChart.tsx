import { useEffect, useRef } from 'react';
import { echarts } from './echarts-setup';

type Option = Parameters<ReturnType<typeof echarts.init>['setOption']>[0];

/**
 * One chart: a focusable figure whose name says what it shows (its data table, next to it, is
 * the accessible alternative), redrawn when the option changes and resized with its box.
 */
export function EChart({ option, label, height = 280 }: { option: Option; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      className="indicator-chart"
      role="img"
      aria-label={label}
      tabIndex={0}
      style={{ height }}
    />
  );
}
