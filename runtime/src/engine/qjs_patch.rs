//! The functions atoll adds to QuickJS in vendor/rquickjs-sys (marked "atoll patch" there and
//! described in its PATCHES.md); rquickjs's generated bindings do not declare them.

use rquickjs::qjs::{JSContext, JSModuleDef, JSRuntime, JSValue};
use std::ffi::{c_char, c_int};

extern "C" {
    /// The current AsyncLocalStorage frame (a new reference).
    pub(crate) fn JS_GetAsyncContext(ctx: *mut JSContext) -> JSValue;
    /// Make `value` the current frame (ownership taken).
    pub(crate) fn JS_SetAsyncContext(ctx: *mut JSContext, value: JSValue);
    /// A new object with `template`'s prototype and layout holding `values` (ownership taken)
    /// and, past `count`, the template's own values.
    pub(crate) fn JS_NewObjectLike(
        ctx: *mut JSContext,
        template: JSValue,
        count: c_int,
        values: *mut JSValue,
    ) -> JSValue;
    /// The runtime's allocation counter (bytes).
    pub(crate) fn JS_GetMallocSize(rt: *mut JSRuntime) -> usize;
    /// Import `name` now (load, link, evaluate) through the module registry, as `require()`.
    pub(crate) fn JS_ImportModuleNow(
        ctx: *mut JSContext,
        basename: *const c_char,
        name: *const c_char,
        pm: *mut *mut JSModuleDef,
    ) -> JSValue;
}
