import { ListBox, ListBoxItem, Popover } from "react-aria-components";
import { cx } from "../lib/cx.ts";
import { CheckIcon } from "./icons.tsx";

export interface Option {
  value: string;
  label: string;
  isDisabled?: boolean;
}

/** The drop-down list of a select: the options with a check mark on the chosen one (disabled ones come through the Select's `disabledKeys`). */
export function OptionsPopover({ options }: { options: readonly Option[] }) {
  return (
    <Popover className="min-w-(--trigger-width) overflow-auto rounded-xl bg-surface p-1 text-fg shadow-popover outline-none">
      <ListBox items={options} className="max-h-72 outline-none">
        {(option) => (
          <ListBoxItem
            id={option.value}
            textValue={option.label}
            className="flex cursor-pointer items-center gap-2 rounded-lg px-2.5 py-1.5 text-sm outline-none data-disabled:opacity-50 data-focused:bg-surface-hover"
          >
            {({ isSelected }) => (
              <>
                <span className="flex-1">{option.label}</span>
                <CheckIcon className={cx(!isSelected && "invisible")} />
              </>
            )}
          </ListBoxItem>
        )}
      </ListBox>
    </Popover>
  );
}
