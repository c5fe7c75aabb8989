import type { ReactElement, SVGProps } from "react";

/** Small inline icons used inside the kit. Decorative: the control carrying them has the text. */
type IconProps = Omit<SVGProps<SVGSVGElement>, "children">;

function Icon({ d, ...props }: IconProps & { d: string }): ReactElement {
  return (
    <svg
      viewBox="0 0 20 20"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <path d={d} />
    </svg>
  );
}

export const ChevronDownIcon = (p: IconProps) => <Icon d="M5 7.5l5 5 5-5" {...p} />;
export const ChevronLeftIcon = (p: IconProps) => <Icon d="M12.5 5l-5 5 5 5" {...p} />;
export const ChevronRightIcon = (p: IconProps) => <Icon d="M7.5 5l5 5-5 5" {...p} />;
export const ArrowUpIcon = (p: IconProps) => <Icon d="M10 15.5v-11M5.5 9L10 4.5 14.5 9" {...p} />;
export const ArrowDownIcon = (p: IconProps) => <Icon d="M10 4.5v11M5.5 11l4.5 4.5 4.5-4.5" {...p} />;
export const SortIcon = (p: IconProps) => <Icon d="M6.5 8L10 4.5 13.5 8M6.5 12l3.5 3.5 3.5-3.5" {...p} />;
export const CheckIcon = (p: IconProps) => <Icon d="M4.5 10.5l3.5 3.5 7.5-8" {...p} />;
export const MinusIcon = (p: IconProps) => <Icon d="M5 10h10" {...p} />;
export const CloseIcon = (p: IconProps) => <Icon d="M5.5 5.5l9 9M14.5 5.5l-9 9" {...p} />;
export const MenuIcon = (p: IconProps) => <Icon d="M3.5 6h13M3.5 10h13M3.5 14h13" {...p} />;
export const SearchIcon = (p: IconProps) => (
  <Icon d="M9 15a6 6 0 100-12 6 6 0 000 12zM13.5 13.5L17 17" {...p} />
);
export const CalendarIcon = (p: IconProps) => (
  <Icon
    d="M4 6.5A1.5 1.5 0 015.5 5h9A1.5 1.5 0 0116 6.5v8a1.5 1.5 0 01-1.5 1.5h-9A1.5 1.5 0 014 14.5v-8zM4 9h12M7.5 3.5V6M12.5 3.5V6"
    {...p}
  />
);
export const InfoIcon = (p: IconProps) => (
  <Icon d="M10 17a7 7 0 100-14 7 7 0 000 14zM10 9.5v4M10 6.6v.1" {...p} />
);
export const AlertIcon = (p: IconProps) => (
  <Icon
    d="M8.7 3.8L2.9 14a1.5 1.5 0 001.3 2.2h11.6a1.5 1.5 0 001.3-2.2L11.3 3.8a1.5 1.5 0 00-2.6 0zM10 8v3.5M10 13.9v.1"
    {...p}
  />
);
export const SuccessIcon = (p: IconProps) => (
  <Icon d="M10 17a7 7 0 100-14 7 7 0 000 14zM7 10.2l2 2 4-4.4" {...p} />
);
export const CriticalIcon = (p: IconProps) => (
  <Icon d="M10 17a7 7 0 100-14 7 7 0 000 14zM10 6.5v4M10 13.4v.1" {...p} />
);
export const InboxIcon = (p: IconProps) => (
  <Icon d="M3 11l2-6.5h10l2 6.5v4a1.5 1.5 0 01-1.5 1.5h-11A1.5 1.5 0 013 15v-4zM3 11h4l1 2h4l1-2h4" {...p} />
);
