package pxlab.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Rewrites one method's monitor operations to call {@code pxlab.agent.bootstrap.MonitorProbe}:
 * <pre>
 *   [obj]  dup; invokestatic enter(obj) → token; swap; monitorenter      [token]
 *   L:     invokestatic entered(token)          ← L starts the block's protected range
 *   [obj]  dup; monitorexit; (range ends) invokestatic exited(obj)
 *   [obj…] invokestatic waiting(obj); invokevirtual Object.wait(…)
 * </pre>
 * The token rides on the operand stack across {@code monitorenter}, so no local variable and no stack map frame
 * changes. {@code entered} is placed inside the range javac protects with its catch-all handler: a call between
 * {@code monitorenter} and that range could throw with the monitor held and no handler to release it, and C1/C2
 * refuse to compile a method whose monitors are not provably balanced. A {@code monitorenter} not followed by such a
 * range (hand-written bytecode) is left alone. In a method with a {@code monitorexit} that cannot be hooked, the
 * enters call {@code enteredUntracked} instead: their monitors are timed but not published as held, since their
 * release could go unseen.
 *
 * <p>A {@code synchronized} method becomes a non-synchronized method with the same block javac would write for
 * {@code synchronized (this)} (or the class) around its body, on the class's first definition only.
 */
final class MonitorRewrite {

    private static final String PROBE = "pxlab/agent/bootstrap/MonitorProbe";
    private static final String OBJECT_TO_OBJECT = "(Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String OBJECT_TO_VOID = "(Ljava/lang/Object;)V";

    private final ClassNode type;
    private final MethodNode method;
    private final boolean mayChangeModifiers;
    private final boolean expandedFrames;
    /** Where a wrapped static method keeps its class, the monitor; -1 until {@link #wrapBody} picks it. */
    private int monitorLocal = -1;

    /**
     * Prepares a rewrite.
     *
     * @param type               The method's class.
     * @param method             The method.
     * @param mayChangeModifiers Whether a {@code synchronized} method may be turned into a block.
     * @param expandedFrames     Whether the class was read with expanded frames ({@code F_NEW}); required to wrap a
     *                           static method.
     */
    MonitorRewrite(ClassNode type, MethodNode method, boolean mayChangeModifiers, boolean expandedFrames) {
        this.type = type;
        this.method = method;
        this.mayChangeModifiers = mayChangeModifiers;
        this.expandedFrames = expandedFrames;
    }

    /**
     * Tells whether a call is {@code Object.wait()} or {@code Object.wait(long)}. Both are final in {@code Object}, so
     * the name and descriptor decide whatever the call's owner class.
     */
    static boolean isObjectWait(int opcode, String name, String descriptor) {
        return opcode == Opcodes.INVOKEVIRTUAL && name.equals("wait")
                && (descriptor.equals("()V") || descriptor.equals("(J)V"));
    }

    /**
     * Applies the rewrite.
     *
     * @return Whether the method changed.
     */
    boolean apply() {
        if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) return false;
        boolean changed = false;
        List<AbstractInsnNode> insns = new ArrayList<>();
        method.instructions.forEach(insns::add);   // a copy: the list changes under the loop
        // A monitor is published as held only where each release is seen: else it might stay published after it.
        String entered = "entered";
        for (AbstractInsnNode insn : insns) {
            if (insn.getOpcode() == Opcodes.MONITOREXIT && exitHookPoint(insn) == null) entered = "enteredUntracked";
        }
        for (AbstractInsnNode insn : insns) {
            if (insn.getOpcode() == Opcodes.MONITORENTER) {
                changed |= hookEnter(insn, entered);
            } else if (insn.getOpcode() == Opcodes.MONITOREXIT) {
                changed |= hookExit(insn);
            } else if (insn instanceof MethodInsnNode) {
                MethodInsnNode call = (MethodInsnNode) insn;
                if (isObjectWait(call.getOpcode(), call.name, call.desc)) {
                    hookWait(call);
                    changed = true;
                }
            }
        }
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0 && mayChangeModifiers && canWrapBody()) {
            wrapBody();
            changed = true;
        }
        return changed;
    }

    /**
     * Hooks a {@code monitorenter} whose next instruction starts a catch-all range with no frame of its own.
     *
     * @param entered The probe method called once the monitor is held.
     */
    private boolean hookEnter(AbstractInsnNode enter, String entered) {
        if (!(enter.getNext() instanceof LabelNode)) return false;
        LabelNode start = (LabelNode) enter.getNext();
        if (!startsCatchAll(start) || nextSkippingLines(start) instanceof FrameNode) return false;
        InsnList before = new InsnList();
        before.add(new InsnNode(Opcodes.DUP));
        before.add(probe("enter", OBJECT_TO_OBJECT));
        before.add(new InsnNode(Opcodes.SWAP));
        method.instructions.insertBefore(enter, before);
        method.instructions.insert(start, probe(entered, OBJECT_TO_VOID));
        return true;
    }

    /**
     * Hooks a {@code monitorexit}: the call goes after the labels that close the protected ranges around it, so that
     * nothing after the release can land in a handler that would release again. A label carrying a frame stops
     * that walk (the extra stack value would break the frame), and the exit stays unhooked.
     */
    private boolean hookExit(AbstractInsnNode exit) {
        AbstractInsnNode at = exitHookPoint(exit);
        if (at == null) return false;
        method.instructions.insertBefore(exit, new InsnNode(Opcodes.DUP));
        method.instructions.insert(at, probe("exited", OBJECT_TO_VOID));
        return true;
    }

    /** Returns the instruction after which a {@code monitorexit}'s hook goes, or {@code null} when it cannot. */
    private AbstractInsnNode exitHookPoint(AbstractInsnNode exit) {
        AbstractInsnNode at = exit;
        for (AbstractInsnNode next = exit.getNext(); next instanceof LabelNode || next instanceof LineNumberNode
                || next instanceof FrameNode; next = next.getNext()) {
            if (next instanceof FrameNode) return null;
            if (next instanceof LabelNode && startsRange((LabelNode) next)) break;
            at = next;
        }
        return at;
    }

    /** Passes the receiver of {@code wait()} / {@code wait(long)} to the probe; it sits under the argument. */
    private void hookWait(MethodInsnNode wait) {
        InsnList before = new InsnList();
        if (wait.desc.equals("()V")) {
            before.add(new InsnNode(Opcodes.DUP));                       // obj → obj obj
        } else {
            before.add(new InsnNode(Opcodes.DUP2_X1));                   // obj J → J obj J
            before.add(new InsnNode(Opcodes.POP2));                      // → J obj
            before.add(new InsnNode(Opcodes.DUP_X2));                    // → obj J obj
        }
        before.add(probe("waiting", OBJECT_TO_VOID));
        method.instructions.insertBefore(wait, before);
    }

    /**
     * Whether the body can be wrapped: an instance method must never store into slot 0, which the handler reads as
     * the monitor; a static one needs {@code ldc} of a class (class files of Java 5 or later).
     */
    private boolean canWrapBody() {
        if (isStatic()) return (type.version & 0xFFFF) >= Opcodes.V1_5 && expandedFrames;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.ASTORE && ((VarInsnNode) insn).var == 0) return false;
        }
        return true;
    }

    /**
     * Turns {@code synchronized m() {body}} into {@code m() {synchronized (this) {body}}}, hooked as above. As javac
     * does for a block with several returns, the protected range stops at each release and resumes after its return,
     * so the release and what follows it are never covered by the handler.
     */
    private void wrapBody() {
        method.access &= ~Opcodes.ACC_SYNCHRONIZED;
        if (isStatic()) addMonitorLocal();
        LabelNode start = new LabelNode();
        LabelNode handler = new LabelNode();
        LabelNode handlerEnd = new LabelNode();
        List<TryCatchBlockNode> ranges = new ArrayList<>();

        InsnList prologue = new InsnList();
        if (isStatic()) {
            prologue.add(new LdcInsnNode(Type.getObjectType(type.name)));
            prologue.add(new VarInsnNode(Opcodes.ASTORE, monitorLocal));
        }
        prologue.add(monitor());
        prologue.add(new InsnNode(Opcodes.DUP));
        prologue.add(probe("enter", OBJECT_TO_OBJECT));
        prologue.add(new InsnNode(Opcodes.SWAP));
        prologue.add(new InsnNode(Opcodes.MONITORENTER));
        prologue.add(start);
        prologue.add(probe("entered", OBJECT_TO_VOID));
        method.instructions.insert(prologue);

        LabelNode from = start;
        for (AbstractInsnNode insn : method.instructions.toArray()) {
            int op = insn.getOpcode();
            if (op < Opcodes.IRETURN || op > Opcodes.RETURN) continue;
            LabelNode released = new LabelNode();
            LabelNode resume = new LabelNode();
            method.instructions.insertBefore(insn, release(released));
            method.instructions.insert(insn, resume);
            ranges.add(new TryCatchBlockNode(from, released, handler, null));
            from = resume;
        }
        // The handler javac writes for a synchronized block: release, then rethrow; it covers itself too.
        InsnList epilogue = new InsnList();
        LabelNode end = new LabelNode();
        epilogue.add(end);
        epilogue.add(handler);
        if ((type.version & 0xFFFF) >= Opcodes.V1_6) {
            Object[] locals = isStatic() ? withMonitor(new Object[0]) : new Object[] {type.name};
            int kind = expandedFrames ? Opcodes.F_NEW : Opcodes.F_FULL;   // frames of one method are all one form
            epilogue.add(new FrameNode(kind, locals.length, locals, 1, new Object[] {"java/lang/Throwable"}));
        }
        epilogue.add(release(handlerEnd));
        epilogue.add(new InsnNode(Opcodes.ATHROW));
        method.instructions.add(epilogue);
        if (hasCode(from, end)) ranges.add(new TryCatchBlockNode(from, end, handler, null));
        ranges.add(new TryCatchBlockNode(handler, handlerEnd, handler, null));
        method.tryCatchBlocks.addAll(ranges);
    }

    /** Releases the method's monitor; {@code released} marks the end of the protected range, before the hook. */
    private InsnList release(LabelNode released) {
        InsnList out = new InsnList();
        out.add(monitor());
        out.add(new InsnNode(Opcodes.DUP));
        out.add(new InsnNode(Opcodes.MONITOREXIT));
        out.add(released);
        out.add(probe("exited", OBJECT_TO_VOID));
        return out;
    }

    /**
     * The object a synchronized method locks: {@code this}, or the class for a static method, always loaded from a
     * local. C1 and C2 prove monitors balanced by following one value from enter to exit; two {@code ldc}s of the
     * class are two values to them, and the method would not be compiled.
     */
    private AbstractInsnNode monitor() {
        return new VarInsnNode(Opcodes.ALOAD, isStatic() ? monitorLocal : 0);
    }

    /**
     * Takes a new local for the class monitor and declares it in every stack map frame (expanded, see
     * {@link MonitorScan#hasStaticSynchronized}), since the handler reads it from anywhere in the body.
     */
    private void addMonitorLocal() {
        monitorLocal = method.maxLocals;
        method.maxLocals++;
        for (AbstractInsnNode insn : method.instructions) {
            if (!(insn instanceof FrameNode)) continue;
            FrameNode frame = (FrameNode) insn;
            Object[] locals = frame.local == null ? new Object[0] : frame.local.toArray();
            frame.local = new ArrayList<>(List.of(withMonitor(locals)));
        }
    }

    /** Returns a frame's locals, padded with TOP up to the monitor's slot, followed by the monitor. */
    private Object[] withMonitor(Object[] locals) {
        List<Object> out = new ArrayList<>(List.of(locals));
        int slots = 0;
        for (Object local : locals) slots += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
        for (; slots < monitorLocal; slots++) out.add(Opcodes.TOP);
        out.add("java/lang/Class");
        return out.toArray();
    }

    private boolean isStatic() {
        return (method.access & Opcodes.ACC_STATIC) != 0;
    }

    /** Whether an instruction lies between two labels: an empty range is not allowed in a class file. */
    private static boolean hasCode(LabelNode from, LabelNode to) {
        for (AbstractInsnNode n = from.getNext(); n != null && n != to; n = n.getNext()) {
            if (n.getOpcode() >= 0) return true;
        }
        return false;
    }

    private boolean startsRange(LabelNode label) {
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (block.start == label) return true;
        }
        return false;
    }

    private boolean startsCatchAll(LabelNode label) {
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (block.start == label && block.type == null) return true;
        }
        return false;
    }

    private static AbstractInsnNode nextSkippingLines(AbstractInsnNode insn) {
        AbstractInsnNode next = insn.getNext();
        while (next instanceof LineNumberNode) next = next.getNext();
        return next;
    }

    private static MethodInsnNode probe(String name, String descriptor) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, PROBE, name, descriptor, false);
    }
}
