import { type ReactNode, useEffect, useId, useRef } from "react";
import {
  DatePicker,
  Dialog,
  FieldError,
  Group,
  Input,
  Label,
  Popover,
  Button as RACButton,
  Checkbox as RACCheckbox,
  NumberField as RACNumberField,
  Select as RACSelect,
  TextField as RACTextField,
  SelectValue,
  Text,
  TextArea,
} from "react-aria-components";
import { type Control, type FieldPath, type FieldValues, useController } from "react-hook-form";
import { focusRing } from "../components/Button.tsx";
import { KitCalendar, KitDateInput, toCalendarDate } from "../components/Calendar.tsx";
import { CalendarIcon, CheckIcon, ChevronDownIcon, CriticalIcon, MinusIcon } from "../components/icons.tsx";
import { type Option, OptionsPopover } from "../components/OptionsPopover.tsx";
import { cx } from "../lib/cx.ts";

// biome-ignore lint/suspicious/noExplicitAny: a field accepts a control whatever the form's context and output types are.
type AnyControl<T extends FieldValues> = Control<T, any, any>;

export interface FieldBaseProps<T extends FieldValues, N extends FieldPath<T>> {
  /** The form value this field edits; checked against the form's type when `control` is passed. */
  name: N;
  /** form.control; optional inside <Form> (taken from context), but passing it types `name`. */
  control?: AnyControl<T>;
  label: string;
  /** Help under the field, linked to it for screen readers. */
  description?: ReactNode;
  isRequired?: boolean;
  isDisabled?: boolean;
  className?: string;
}

const fieldClass = "flex flex-col gap-1";
const labelClass = "text-sm font-medium text-fg";
const descriptionClass = "text-xs text-fg-muted";
const inputClass = cx(
  "h-9 w-full min-w-0 rounded-lg border border-line-strong bg-surface px-3 text-sm text-fg outline-none placeholder:text-fg-subtle",
  "data-hovered:border-fg-muted data-focused:border-focus data-focused:outline-1 data-focused:outline-focus",
  "data-invalid:border-critical-solid data-disabled:cursor-not-allowed data-disabled:opacity-60",
);
const groupClass = cx(
  "flex h-9 w-full items-center rounded-lg border border-line-strong bg-surface text-sm text-fg",
  "data-hovered:border-fg-muted data-focus-within:border-focus data-focus-within:outline-1 data-focus-within:outline-focus",
  "data-invalid:border-critical-solid data-disabled:opacity-60",
);

function ErrorMessage({ children }: { children: ReactNode }) {
  return (
    <FieldError className="flex items-center gap-1 text-xs font-medium text-critical-fg">
      <CriticalIcon className="shrink-0" />
      {children}
    </FieldError>
  );
}

/** The props every controlled field passes to its React Aria component. */
function controlledProps(
  field: { name: string; onBlur: () => void; disabled?: boolean | undefined },
  fieldState: { invalid: boolean },
  isRequired: boolean | undefined,
  isDisabled: boolean | undefined,
) {
  return {
    name: field.name,
    onBlur: field.onBlur,
    isInvalid: fieldState.invalid,
    isRequired,
    isDisabled: isDisabled ?? field.disabled,
    // Errors are shown by the form (react-hook-form + zod), not by native validation.
    validationBehavior: "aria" as const,
  };
}

function FieldLabel({ label, isRequired }: { label: string; isRequired?: boolean | undefined }) {
  return (
    <Label className={labelClass}>
      {label}
      <RequiredMark isRequired={isRequired} />
    </Label>
  );
}

function RequiredMark({ isRequired }: { isRequired?: boolean | undefined }) {
  return isRequired ? (
    <span aria-hidden="true" className="ml-0.5 text-critical-fg">
      *
    </span>
  ) : null;
}

export interface TextFieldProps<T extends FieldValues, N extends FieldPath<T>> extends FieldBaseProps<T, N> {
  type?: "text" | "email" | "tel" | "url" | "password";
  placeholder?: string;
  autoComplete?: string;
  /** "decimal" for money amounts kept as strings. */
  inputMode?: "text" | "decimal" | "numeric" | "email" | "tel" | "url" | "search";
  /** A textarea, for notes and messages. */
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
}

/** A text input bound to a form value (string). For money, keep the amount a string: inputMode="decimal". */
export function TextField<T extends FieldValues = FieldValues, N extends FieldPath<T> = FieldPath<T>>({
  name,
  control,
  label,
  description,
  isRequired,
  isDisabled,
  className,
  type = "text",
  placeholder,
  autoComplete,
  inputMode,
  multiline = false,
  rows = 3,
  maxLength,
}: TextFieldProps<T, N>) {
  const { field, fieldState } = useController({ name, control });
  return (
    <RACTextField
      {...controlledProps(field, fieldState, isRequired, isDisabled)}
      value={(field.value as string | undefined) ?? ""}
      onChange={field.onChange}
      type={type}
      autoComplete={autoComplete}
      inputMode={inputMode}
      maxLength={maxLength}
      className={cx(fieldClass, className)}
    >
      <FieldLabel label={label} isRequired={isRequired} />
      {multiline ? (
        <TextArea
          ref={field.ref}
          rows={rows}
          placeholder={placeholder}
          className={cx(inputClass, "h-auto py-2")}
        />
      ) : (
        <Input ref={field.ref} placeholder={placeholder} className={inputClass} />
      )}
      {description && (
        <Text slot="description" className={descriptionClass}>
          {description}
        </Text>
      )}
      <ErrorMessage>{fieldState.error?.message}</ErrorMessage>
    </RACTextField>
  );
}

export interface NumberFieldProps<T extends FieldValues, N extends FieldPath<T>>
  extends FieldBaseProps<T, N> {
  minValue?: number;
  maxValue?: number;
  step?: number;
  /** Intl.NumberFormat options, e.g. { style: "percent" } or { maximumFractionDigits: 0 }. */
  formatOptions?: Intl.NumberFormatOptions;
  placeholder?: string;
}

/**
 * A locale-aware number input with steppers, bound to a number value (empty = undefined). For
 * quantities, percentages and days: not for money, which stays a decimal string (TextField).
 */
export function NumberField<T extends FieldValues = FieldValues, N extends FieldPath<T> = FieldPath<T>>({
  name,
  control,
  label,
  description,
  isRequired,
  isDisabled,
  className,
  minValue,
  maxValue,
  step,
  formatOptions,
  placeholder,
}: NumberFieldProps<T, N>) {
  const { field, fieldState } = useController({ name, control });
  const value = typeof field.value === "number" ? field.value : Number.NaN;
  const stepper = cx(
    "flex h-full w-8 cursor-pointer items-center justify-center text-fg-muted data-hovered:bg-surface-hover data-hovered:text-fg data-disabled:opacity-40",
    focusRing,
  );
  return (
    <RACNumberField
      {...controlledProps(field, fieldState, isRequired, isDisabled)}
      value={value}
      onChange={(next) => field.onChange(Number.isNaN(next) ? undefined : next)}
      minValue={minValue}
      maxValue={maxValue}
      step={step}
      formatOptions={formatOptions}
      className={cx(fieldClass, className)}
    >
      <FieldLabel label={label} isRequired={isRequired} />
      <Group className={cx(groupClass, "overflow-hidden")}>
        <Input
          ref={field.ref}
          placeholder={placeholder}
          className="h-full min-w-0 flex-1 bg-transparent px-3 tabular-nums outline-none"
        />
        <RACButton slot="decrement" className={cx(stepper, "border-l border-line")}>
          <MinusIcon />
        </RACButton>
        <RACButton slot="increment" className={cx(stepper, "border-l border-line text-base")}>
          <span aria-hidden="true">+</span>
        </RACButton>
      </Group>
      {description && (
        <Text slot="description" className={descriptionClass}>
          {description}
        </Text>
      )}
      <ErrorMessage>{fieldState.error?.message}</ErrorMessage>
    </RACNumberField>
  );
}

export type SelectOption = Option;

export interface SelectProps<T extends FieldValues, N extends FieldPath<T>> extends FieldBaseProps<T, N> {
  options: readonly SelectOption[];
  placeholder?: string;
}

/** A single choice from a list (React Aria Select: typeahead, arrow keys), bound to a string value. */
export function Select<T extends FieldValues = FieldValues, N extends FieldPath<T> = FieldPath<T>>({
  name,
  control,
  label,
  description,
  isRequired,
  isDisabled,
  className,
  options,
  placeholder = "Select…",
}: SelectProps<T, N>) {
  const { field, fieldState } = useController({ name, control });
  const disabledKeys = options.filter((o) => o.isDisabled).map((o) => o.value);
  return (
    <RACSelect
      {...controlledProps(field, fieldState, isRequired, isDisabled)}
      value={(field.value as string | null | undefined) ?? null}
      onChange={(key) => field.onChange(key === null ? undefined : String(key))}
      placeholder={placeholder}
      disabledKeys={disabledKeys}
      className={cx(fieldClass, "group", className)}
    >
      <FieldLabel label={label} isRequired={isRequired} />
      <RACButton
        ref={field.ref}
        className={cx(
          groupClass,
          "cursor-pointer justify-between gap-2 px-3 text-left group-data-invalid:border-critical-solid",
          focusRing,
        )}
      >
        <SelectValue className="truncate data-placeholder:text-fg-subtle">
          {({ selectedText, isPlaceholder }) => (isPlaceholder ? placeholder : selectedText)}
        </SelectValue>
        <ChevronDownIcon className="shrink-0 text-fg-muted" />
      </RACButton>
      {description && (
        <Text slot="description" className={descriptionClass}>
          {description}
        </Text>
      )}
      <ErrorMessage>{fieldState.error?.message}</ErrorMessage>
      <OptionsPopover options={options} />
    </RACSelect>
  );
}

export type CheckboxProps<T extends FieldValues, N extends FieldPath<T>> = FieldBaseProps<T, N>;

/** A yes/no choice bound to a boolean value. */
export function Checkbox<T extends FieldValues = FieldValues, N extends FieldPath<T> = FieldPath<T>>({
  name,
  control,
  label,
  description,
  isRequired,
  isDisabled,
  className,
}: CheckboxProps<T, N>) {
  const { field, fieldState } = useController({ name, control });
  const descriptionId = useId();
  const errorId = useId();
  const describedBy = [description ? descriptionId : null, fieldState.error ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={cx(fieldClass, className)}>
      <RACCheckbox
        name={field.name}
        isSelected={field.value === true}
        onChange={field.onChange}
        onBlur={field.onBlur}
        inputRef={field.ref}
        isInvalid={fieldState.invalid}
        isRequired={isRequired}
        isDisabled={isDisabled ?? field.disabled}
        aria-describedby={describedBy || undefined}
        className="group flex cursor-pointer items-center gap-2 text-sm text-fg data-disabled:cursor-not-allowed data-disabled:opacity-60"
      >
        {({ isSelected }) => (
          <>
            <span
              aria-hidden="true"
              className={cx(
                "flex size-4 shrink-0 items-center justify-center rounded border text-[12px]",
                isSelected ? "border-primary bg-primary text-primary-fg" : "border-line-strong bg-surface",
                "group-data-invalid:border-critical-solid",
                "group-data-focus-visible:outline-2 group-data-focus-visible:outline-offset-2 group-data-focus-visible:outline-focus",
              )}
            >
              {isSelected && <CheckIcon strokeWidth={2.5} />}
            </span>
            <span>
              {label}
              <RequiredMark isRequired={isRequired} />
            </span>
          </>
        )}
      </RACCheckbox>
      {description && (
        <p id={descriptionId} className={cx(descriptionClass, "pl-6")}>
          {description}
        </p>
      )}
      {fieldState.error && (
        <p id={errorId} className="flex items-center gap-1 pl-6 text-xs font-medium text-critical-fg">
          <CriticalIcon className="shrink-0" />
          {fieldState.error.message}
        </p>
      )}
    </div>
  );
}

export interface DateFieldProps<T extends FieldValues, N extends FieldPath<T>> extends FieldBaseProps<T, N> {
  /** Earliest allowed date, ISO "YYYY-MM-DD". */
  minDate?: string;
  maxDate?: string;
}

/**
 * A calendar date typed segment by segment in the user's locale order, or picked from a calendar.
 * The form value is an ISO date string ("2025-01-31") or null: no time zone can shift it.
 */
export function DateField<T extends FieldValues = FieldValues, N extends FieldPath<T> = FieldPath<T>>({
  name,
  control,
  label,
  description,
  isRequired,
  isDisabled,
  className,
  minDate,
  maxDate,
}: DateFieldProps<T, N>) {
  const { field, fieldState } = useController({ name, control });
  const groupRef = useRef<HTMLDivElement | null>(null);
  // react-hook-form focuses the first invalid field through its ref: point it at the first segment.
  const focusTarget = useRef({
    focus: () => groupRef.current?.querySelector<HTMLElement>("[role=spinbutton]")?.focus(),
  });
  const register = field.ref;
  useEffect(() => {
    register(focusTarget.current);
  }, [register]);
  return (
    <DatePicker
      {...controlledProps(field, fieldState, isRequired, isDisabled)}
      value={toCalendarDate(field.value as string | null | undefined)}
      onChange={(date) => field.onChange(date ? date.toString() : null)}
      minValue={toCalendarDate(minDate)}
      maxValue={toCalendarDate(maxDate)}
      className={cx(fieldClass, className)}
    >
      <FieldLabel label={label} isRequired={isRequired} />
      <Group ref={groupRef} className={cx(groupClass, "justify-between px-3")}>
        <KitDateInput />
        <RACButton
          className={cx("-mr-1 cursor-pointer rounded p-1 text-fg-muted data-hovered:text-fg", focusRing)}
        >
          <CalendarIcon />
        </RACButton>
      </Group>
      {description && (
        <Text slot="description" className={descriptionClass}>
          {description}
        </Text>
      )}
      <ErrorMessage>{fieldState.error?.message}</ErrorMessage>
      <Popover className="rounded-xl bg-surface text-fg shadow-popover outline-none">
        <Dialog className="outline-none">
          <KitCalendar />
        </Dialog>
      </Popover>
    </DatePicker>
  );
}
